// The tests start MariaDB's own binaries and send signals: they run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
