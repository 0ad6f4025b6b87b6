import XCTest

@testable import SupervisorCore

/// Finding the daemon's cgroup v2 directory from /proc/self/cgroup and /proc/self/mountinfo.
final class CgroupLocationTests: XCTestCase {
    /// A hybrid layout: v1 controllers under /sys/fs/cgroup, cgroup2 at /sys/fs/cgroup/unified.
    private let hybridMountinfo = """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:9 - cgroup2 cgroup2 rw
        """
    private let hybridCgroup = """
        4:memory:/process_api/b25ba8004f77b944238ff3ed390db5e4
        1:cpu:/
        0::/
        """

    func testTheRootCgroupOfAHybridLayoutIsTheCgroup2MountPoint() throws {
        XCTAssertEqual(try CgroupLocation.directory(procSelfCgroup: hybridCgroup, mountinfo: hybridMountinfo),
                       "/sys/fs/cgroup/unified")
    }

    func testASystemdServiceCgroupIsBelowTheMountPoint() throws {
        let mountinfo = "26 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
        XCTAssertEqual(try CgroupLocation.directory(procSelfCgroup: "0::/system.slice/supervisord.service\n",
                                                    mountinfo: mountinfo),
                       "/sys/fs/cgroup/system.slice/supervisord.service")
    }

    func testAMountOfASubtreeIsMatchedByItsRoot() throws {
        // A container seeing the host's cgroup2 with its own subtree mounted.
        let mountinfo = "700 650 0:30 /docker/abc /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw\n"
        XCTAssertEqual(try CgroupLocation.directory(procSelfCgroup: "0::/docker/abc/app\n", mountinfo: mountinfo),
                       "/sys/fs/cgroup/app")
        XCTAssertEqual(try CgroupLocation.directory(procSelfCgroup: "0::/docker/abc\n", mountinfo: mountinfo),
                       "/sys/fs/cgroup")
        XCTAssertThrowsError(try CgroupLocation.directory(procSelfCgroup: "0::/docker/abcd\n", mountinfo: mountinfo)) {
            XCTAssertEqual("\($0)", "the daemon's cgroup /docker/abcd is not below a mounted cgroup2 file system")
        }
    }

    func testEscapedMountPointsAreDecoded() throws {
        let mountinfo = "41 31 0:38 / /mnt/cgroup\\040two rw - cgroup2 none rw\n"
        XCTAssertEqual(try CgroupLocation.directory(procSelfCgroup: "0::/a\n", mountinfo: mountinfo), "/mnt/cgroup two/a")
    }

    func testOptionalFieldsBeforeTheSeparatorAreSkipped() {
        let mountinfo = "41 31 0:38 / /x rw shared:1 master:2 - cgroup2 cgroup2 rw\n41 31 0:38 / /y rw - cgroup cgroup2 rw\n"
        XCTAssertEqual(CgroupLocation.cgroup2Mounts(mountinfo).map(\.mountPoint), ["/x"])
    }

    func testWithoutCgroupV2TheReasonIsSaid() {
        XCTAssertThrowsError(try CgroupLocation.directory(procSelfCgroup: "1:cpu:/\n", mountinfo: hybridMountinfo)) {
            XCTAssertEqual("\($0)", "the daemon is in no cgroup v2 hierarchy (no 0:: line in /proc/self/cgroup)")
        }
        let v1Only = "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
        XCTAssertThrowsError(try CgroupLocation.directory(procSelfCgroup: hybridCgroup, mountinfo: v1Only)) {
            XCTAssertEqual("\($0)", "no cgroup2 file system is mounted")
        }
        XCTAssertThrowsError(try CgroupLocation.directory(procSelfCgroup: "0::/../../x\n", mountinfo: hybridMountinfo)) {
            XCTAssertEqual("\($0)", "the daemon's cgroup /../../x is outside its cgroup namespace")
        }
    }

    func testThisProcessHasAnAnswer() {
        // Either a directory or a reason, never a crash: whatever this machine has.
        do {
            let directory = try CgroupLocation.current()
            XCTAssertTrue(directory.hasPrefix("/"), directory)
        } catch {
            XCTAssertFalse(error.reason.isEmpty)
        }
    }
}
