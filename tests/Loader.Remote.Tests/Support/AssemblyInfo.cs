// The tests drive OpenSSH's sshd, ssh-keygen, unshare and mount: they run on Linux, as root.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
