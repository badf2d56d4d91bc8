using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Profiles;

/// <summary>A setting is missing or malformed: the message names the variable or the file and line, never a value. Bad input.</summary>
public sealed class SettingsException(string message) : BadInputException(message);
