// The tests drive OpenSSH's sshd and kill real processes: they run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
