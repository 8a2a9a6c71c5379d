// The tests drive OpenSSH's sshd and ssh-keygen and read /proc: they run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
