using System.Runtime.InteropServices;

namespace FaaSr.Testing.Files;

/// <summary>What a path is once symbolic links are followed: nothing yet, a regular file, a folder, or something else.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A device, fifo or socket: writing to it is not writing a file, and replacing it would destroy it.</summary>
    Special,
}

/// <summary>
/// Reads a path's <see cref="FileKind"/>. .NET's file attributes do not tell devices and fifos from files, so Linux
/// asks statx(2).
/// </summary>
public static class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileKind Of(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            if (Statx(AtFdCwd, fullPath, 0, StatxType, buffer) == 0)
            {
                return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
                {
                    RegularType => FileKind.Regular,
                    DirectoryType => FileKind.Directory,
                    _ => FileKind.Special,
                };
            }

            // A dangling link or a missing file: nothing is there to replace.
            return Directory.Exists(fullPath) ? FileKind.Directory : File.Exists(fullPath) ? FileKind.Special : FileKind.Missing;
        }

        if (Directory.Exists(fullPath))
        {
            return FileKind.Directory;
        }

        if (!File.Exists(fullPath))
        {
            return FileKind.Missing;
        }

        return (File.GetAttributes(fullPath) & FileAttributes.Device) != 0 ? FileKind.Special : FileKind.Regular;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
