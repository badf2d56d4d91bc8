using FaaSr.Testing.Faasr.Prerequisites;
using FaaSr.Testing.Faasr.Sources;

namespace FaaSr.Testing.Faasr;

/// <summary>What the faasr compute checked before anything ran: the sources it resolved and the interpreter that can run them.</summary>
public sealed record FaasrSetup(FaasrSources Sources, FaasrPython Python);
