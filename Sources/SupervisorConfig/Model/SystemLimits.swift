import Glibc

/// The most processes and descriptors this system could ever give the daemon and its children,
/// whatever `minfds` / `minprocs` ask for. A configuration that needs more can never run, and
/// building it (`numprocs=10000000`) would take the daemon hours, so the loader refuses it.
public struct SystemLimits: Equatable, Sendable {
    /// How many processes can exist, and the limit that says so (for the message).
    public var processes: Int
    public var processesSource: String
    /// How many descriptors the daemon could open, and the limit that says so.
    public var descriptors: Int
    public var descriptorsSource: String

    public init(processes: Int, processesSource: String, descriptors: Int, descriptorsSource: String) {
        self.processes = processes
        self.processesSource = processesSource
        self.descriptors = descriptors
        self.descriptorsSource = descriptorsSource
    }

    /// This system's ceilings. Processes: the kernel's `pid_max` and `threads-max`, and for a
    /// daemon not running as root the hard RLIMIT_NPROC (the kernel does not apply it to root).
    /// Descriptors: the hard RLIMIT_NOFILE, up to which `minfds` may raise the soft one; root
    /// may raise the hard one too, up to `fs.nr_open`.
    public static func current() -> SystemLimits {
        var processes = [(kernelNumber("/proc/sys/kernel/pid_max"), "kernel.pid_max"),
                         (kernelNumber("/proc/sys/kernel/threads-max"), "kernel.threads-max")]
        let descriptors: (Int?, String)
        if getuid() == 0 {
            descriptors = (kernelNumber("/proc/sys/fs/nr_open"), "fs.nr_open")
        } else {
            processes.append((hardLimit(Int32(__RLIMIT_NPROC.rawValue)), "the hard RLIMIT_NPROC"))
            descriptors = (hardLimit(Int32(RLIMIT_NOFILE.rawValue)), "the hard RLIMIT_NOFILE")
        }
        let process = processes.compactMap { limit in limit.0.map { ($0, limit.1) } }.min { $0.0 < $1.0 }
        return SystemLimits(processes: process?.0 ?? Int.max, processesSource: process?.1 ?? "",
                            descriptors: descriptors.0 ?? Int.max, descriptorsSource: descriptors.1)
    }

    /// A number from a `/proc/sys` file, nil when it cannot be read.
    private static func kernelNumber(_ path: String) -> Int? {
        Paths.readText(path).flatMap { Int($0.trimmingWhitespace()) }
    }

    /// A resource's hard limit, nil when unlimited or unknown.
    private static func hardLimit(_ resource: Int32) -> Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(UInt32(resource)), &limit) == 0,
              limit.rlim_max != rlim_t(bitPattern: -1) else { return nil }
        return Int(clamping: limit.rlim_max)
    }
}
