#!/usr/bin/env pwsh
# Bootstraps the pipeline: restores the pinned Cake tool and runs build/build.cake with the given arguments.
#   ./build.ps1 --target=IntegrationTest     the main job
#   ./build.ps1 --target=Test                unit and component tests
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet cake build/build.cake @args
exit $LASTEXITCODE
