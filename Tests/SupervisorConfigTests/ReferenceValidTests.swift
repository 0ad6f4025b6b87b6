import Glibc
import SupervisorCommon
import XCTest
@testable import SupervisorConfig

/// Valid configs read the same as the reference reads them, compared through a text dump that
/// the generator writes for the reference (see ReferenceValidCases.swift).
final class ReferenceValidTests: XCTestCase {
    func testConfigsReadAsTheReferenceReadsThem() throws {
        let original = WorkingDirectory.path() ?? "/"
        defer { chdir(original) }
        for testCase in referenceValidCases {
            let directory = TempDirectory()
            let path = directory.write("supervisord.conf", testCase.config)
            // Relative log and pid files resolve against the working directory, as in the reference.
            chdir(directory.path)
            let expected = testCase.dump.replacing("{dir}", with: directory.path)
            do {
                let config = try ConfigLoader.load(path: path, environment: testEnvironment, hostName: "testhost")
                XCTAssertEqual(dump(config), expected, testCase.id)
            } catch {
                XCTFail("\(testCase.id): \(error)")
            }
        }
    }

    private func dump(_ config: Configuration) -> String {
        let daemon = config.daemon
        var lines = [
            "daemon logfile=\(daemon.logfile) pidfile=\(daemon.pidfile) maxbytes=\(daemon.logfileMaxBytes) "
                + "backups=\(daemon.logfileBackups) loglevel=\(daemon.loglevel.rawValue) "
                + "umask=\(octal(daemon.umask)) nodaemon=\(py(daemon.nodaemon)) silent=\(py(daemon.silent)) "
                + "minfds=\(daemon.minfds) minprocs=\(daemon.minprocs) nocleanup=\(py(daemon.nocleanup)) "
                + "childlogdir=\(daemon.childlogdir) user=\(py(daemon.user)) directory=\(py(daemon.directory)) "
                + "strip_ansi=\(py(daemon.stripAnsi)) identifier=\(daemon.identifier) env=\(env(daemon.environment))",
        ]
        for group in config.groups {
            lines.append("group \(group.name) priority=\(group.priority) \(kind(group.kind))")
            for process in group.processes {
                lines.append(
                    "  process \(process.name) command=\(process.command) directory=\(py(process.directory)) "
                        + "umask=\(py(process.umask.map(octal))) priority=\(process.priority) "
                        + "autostart=\(py(process.autostart)) autorestart=\(restart(process.autorestart)) "
                        + "startsecs=\(process.startsecs) startretries=\(process.startretries) "
                        + "uid=\(py(process.user.map { String($0.uid) })) "
                        + "\(channel("stdout", process.stdout)) \(channel("stderr", process.stderr)) "
                        + "redirect=\(py(process.redirectStderr)) stopsignal=\(process.stopsignal) "
                        + "stopwaitsecs=\(process.stopwaitsecs) stopasgroup=\(py(process.stopasgroup)) "
                        + "killasgroup=\(py(process.killasgroup)) "
                        + "exitcodes=\(process.exitcodes.map(String.init).joined(separator: ",")) "
                        // The reference's environment of a process is the two layers merged.
                        + "env=\(env(EnvironmentParser.merge(process.supervisordEnvironment, process.environment))) "
                        + "serverurl=\(py(process.serverurl))")
            }
        }
        if let inet = config.inetHTTPServer {
            lines.append("inet host=\(inet.host) port=\(inet.port) auth=\(auth(inet.credentials))")
        }
        if let unix = config.unixHTTPServer {
            let chown = unix.chown.map { "\($0.uid),\($0.gid)" }
            lines.append("unix file=\(unix.file) chmod=\(octal(unix.chmod)) chown=\(py(chown)) "
                             + "auth=\(auth(unix.credentials))")
        }
        // Warning texts are this implementation's own; their number matches, apart from the
        // warnings about repeated and unknown keys, which the reference does not give.
        let oursOnly = [" is set again ", " is not a known key "]
        lines.append("warnings=\(config.warnings.filter { warning in !oursOnly.contains { warning.contains($0) } }.count)")
        lines += config.infos.map { "info " + $0 }
        return lines.joined(separator: "\n")
    }

    private func kind(_ kind: GroupConfig.Kind) -> String {
        switch kind {
        case .programs:
            return "programs"
        case .eventListenerPool(let pool):
            return "events=\(pool.events.sorted().joined(separator: ",")) buffer=\(pool.bufferSize)"
        case .fastCGI(let socket):
            switch socket.address {
            case .tcp(let host, let port):
                return "fcgi url=tcp://\(host):\(port) backlog=\(py(socket.backlog.map(String.init)))"
            case .unix(let path):
                let owner = socket.owner.map { "\($0.0),\($0.1)" }
                return "fcgi url=unix://\(path) backlog=\(py(socket.backlog.map(String.init))) "
                    + "owner=\(py(owner)) mode=\(py(socket.mode.map(octal)))"
            }
        }
    }

    private func channel(_ name: String, _ log: ChannelLogConfig) -> String {
        let target: String
        switch log.logfile {
        case .automatic: target = "AUTO"
        case .none: target = "NONE"
        case .path(let path): target = "path:" + path
        }
        return "\(name)(\(target),\(log.maxBytes),\(log.backups),\(log.captureMaxBytes),"
            + "\(py(log.eventsEnabled)),\(py(log.syslog)))"
    }

    private func restart(_ value: AutoRestart) -> String {
        switch value {
        case .always: "always"
        case .never: "never"
        case .unexpected: "unexpected"
        }
    }

    private func env(_ variables: [EnvironmentVariable]) -> String {
        variables.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
    }

    private func auth(_ credentials: Credentials?) -> String {
        "\(py(credentials?.username))/\(py(credentials?.password))"
    }

    private func octal(_ value: UInt32) -> String { String(value, radix: 8) }
    private func py(_ value: Bool) -> String { value ? "True" : "False" }
    private func py(_ value: String?) -> String { value ?? "None" }
}
