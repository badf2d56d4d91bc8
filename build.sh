#!/usr/bin/env bash
# Bootstraps the pipeline: restores the pinned Cake tool and runs build/build.cake with the given arguments.
#   ./build.sh --target=IntegrationTest     the main job
#   ./build.sh --target=Test                unit and component tests
#   ./build.sh --description                every target, one line each
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
