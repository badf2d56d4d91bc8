using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class RemoteKeyTests
{
    [TestMethod]
    [DataRow("integration-tests/abc", "input1.txt", "integration-tests/abc/input1.txt")]
    [DataRow(".", "input1.txt", "input1.txt")]
    [DataRow("", "input1.txt", "input1.txt")]
    [DataRow("//remote//folder//", "file.txt/", "/remote/folder/file.txt")]
    [DataRow("remote//folder//", "file.txt/", "remote/folder/file.txt")]
    [DataRow("/remote/folder", "file.txt", "/remote/folder/file.txt")]
    [DataRow("a/./b", "./c.txt", "a/b/c.txt")]
    [DataRow("folder", "/absolute.txt", "/absolute.txt")]
    [DataRow("folder", "sub/dir/x.txt", "folder/sub/dir/x.txt")]
    public void JoinsLikeFaaSr(string folder, string file, string key) => Assert.AreEqual(key, RemoteKey.For(folder, file));
}
