import Glibc

/// What one /metrics scrape reads from /proc: the trees and descriptors of the supervised
/// processes with a child, and the daemon's own figures. It touches no supervisor state,
/// so a scrape reads it away from the event loop, which meanwhile serves everyone else.
public struct ResourceReadings: Sendable {
    public let trees: [pid_t: ProcessUsage]
    public let descriptors: [pid_t: Int]
    public let daemon: ProcessUsage?
    public let daemonDescriptors: Int?

    public init(pids: [pid_t]) {
        trees = ProcessResources.trees(of: pids)
        var descriptors: [pid_t: Int] = [:]
        descriptors.reserveCapacity(pids.count)
        for pid in pids { descriptors[pid] = ProcessResources.openDescriptors(of: pid) }
        self.descriptors = descriptors
        daemon = ProcessResources.current()
        daemonDescriptors = ProcessResources.openDescriptors(of: getpid())
    }

    /// The CPU and memory of each root's tree alone (the JSON API's process objects).
    public static func trees(of roots: [pid_t]) -> [pid_t: ProcessUsage] {
        ProcessResources.trees(of: roots)
    }
}
