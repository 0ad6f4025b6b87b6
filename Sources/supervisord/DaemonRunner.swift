import CSupervisor
import Glibc
import NIOCore
import NIOPosix
import SupervisorAPI
import SupervisorCommon
import SupervisorConfig
import SupervisorCore

/// Runs the daemon: one-time startup, then the event loop on the main thread, where each
/// "generation" (the first run and every restart) gets a fresh Supervisor from a fresh
/// read of the config, as the reference does on SIGHUP.
final class DaemonRunner {
    private var config: Configuration
    private let reload: () throws -> Configuration
    private var log: MainLog!
    private var supervisor: Supervisor?
    private var servers: ControlServers?
    private var pidfileWritten = false
    /// The daemon's exit status: an essential process's when one ended the daemon.
    private var exitStatus: Int32 = 0
    private let subreaper: Bool
    /// `cgroups=`: decided once at startup, kept across restarts.
    private var cgroups: CgroupTree?
    /// Compresses rotated log files for every generation, so none of them is compressed
    /// twice or lost across a restart; it starts working once the event loop runs.
    private let logCompressor = LogCompressor()
    /// What /metrics counts over the daemon's life, across generations.
    private let activity = DaemonActivity()

    init(initial: Configuration, subreaper: Bool, reload: @escaping () throws -> Configuration) {
        self.config = initial
        self.subreaper = subreaper
        self.reload = reload
    }

    func run() -> Never {
        // Large blocks (a getAllProcessInfo answer for thousands of processes is megabytes)
        // are mapped for the one request and returned after it. By default glibc raises
        // this threshold after the first such block and then keeps later ones in the heap,
        // where the daemon's resident size grew with every large answer.
        _ = sv_map_large_blocks(256 * 1024)
        sv_mark_inherited_cloexec()
        _ = sv_reserve_spawn_slots()
        if let problem = LogClock.offsetProblem { SupervisordCommand.fail(problem) }
        let privileges = DaemonStartup.dropPrivileges(config.daemon)
        let limitInfos = DaemonStartup.raiseLimits(config.daemon)
        log = makeLog(config.daemon)
        for message in privileges.critical { log.critical(message) }
        logParseMessages(extraInfos: privileges.info + limitInfos)
        if !config.daemon.nocleanup { AutoLogName.cleanup(directory: config.daemon.childlogdir, identifier: config.daemon.identifier) }

        var listeners: BoundListeners
        do {
            listeners = try ControlServers.bind(config)
        } catch {
            SupervisordCommand.fail("\(error)")
        }
        let signalFD: Int32
        do {
            signalFD = try SignalSource.blockAndOpen()
        } catch {
            SupervisordCommand.fail("\(error)")
        }
        cgroups = DaemonStartup.cgroups(config.daemon.cgroups, log: log)
        if !config.daemon.nodaemon { DaemonStartup.daemonize(config.daemon, log: log) }
        if let cgroups {
            cgroups.followDaemonPid()
            log.info("cgroups: each process runs in a cgroup of its own below \(cgroups.path)")
        }
        // As PID 1 orphans come to us anyway; elsewhere this makes them come.
        if subreaper && sv_set_child_subreaper() != 0 {
            log.error("could not become a child subreaper: \(String(cString: strerror(errno)))")
        }
        pidfileWritten = DaemonStartup.writePidfile(config.daemon.pidfile, log: log)

        MultiThreadedEventLoopGroup.withCurrentThreadAsEventLoop { loop in
            SignalSource.attach(fd: signalFD, on: loop) { [unowned self] signal in
                self.supervisor?.handle(signal: signal)
            }.whenFailure { error in
                SupervisordCommand.fail("cannot watch signals: \(error)")
            }
            self.logCompressor.runner = LogCompressor.threadPoolRunner(on: loop)
            self.startGeneration(on: loop, listeners: listeners)
            listeners = BoundListeners()
        }
        cleanUp()
        exit(exitStatus)
    }

    private func startGeneration(on loop: EventLoop, listeners: BoundListeners) {
        let supervisor = Supervisor(config: config, eventLoop: loop, log: log, cgroups: cgroups)
        self.supervisor = supervisor
        servers = ControlServers.start(listeners, supervisor: supervisor, activity: activity, on: loop)
        supervisor.configReader = reload
        supervisor.unknownReapLevel = config.daemon.reapUnknownLoglevel ?? (subreaper || getpid() == 1 ? .debug : .info)
        supervisor.onFinished = { [unowned self] mood in
            self.endGeneration(mood, on: loop)
        }
        supervisor.start()
    }

    private func endGeneration(_ mood: SupervisorState, on loop: EventLoop) {
        let closing = servers?.close(on: loop) ?? loop.makeSucceededVoidFuture()
        servers = nil
        exitStatus = supervisor?.exitStatus ?? 0
        supervisor = nil
        closing.assumeIsolated().whenComplete { [unowned self] _ in
            guard mood == .restarting else {
                loop.shutdownGracefully { _ in }
                return
            }
            self.restart(on: loop)
        }
    }

    /// A fresh read of the config; a bad one keeps the previous config running.
    private func restart(on loop: EventLoop) {
        activity.reloaded()
        do {
            config = try reload()
        } catch {
            log.critical("could not reload the configuration, keeping the previous one: \(error)")
        }
        log.close()
        log = makeLog(config.daemon)
        logParseMessages(extraInfos: [])
        pidfileWritten = DaemonStartup.writePidfile(config.daemon.pidfile, log: log)
        do {
            startGeneration(on: loop, listeners: try ControlServers.bind(config))
        } catch {
            log.critical("\(error)")
            loop.shutdownGracefully { _ in }
        }
    }

    private func logParseMessages(extraInfos: [String]) {
        for warning in config.warnings { log.warn(warning) }
        for info in config.infos + extraInfos { log.info(info) }
    }

    private func cleanUp() {
        cgroups?.remove()
        if pidfileWritten { unlink(config.daemon.pidfile) }
        if let unix = config.unixHTTPServer { unlink(unix.file) }
        log.close()
    }

    private func makeLog(_ daemon: DaemonConfig) -> MainLog {
        let echo = daemon.nodaemon && !daemon.silent
        if daemon.logfile == "syslog" {
            return MainLog(level: daemon.loglevel, file: nil, echoToStdout: echo, toSyslog: true,
                           format: daemon.logfileFormat, compressor: logCompressor)
        }
        let file = RotatingLogFile(path: daemon.logfile, maxBytes: daemon.logfileMaxBytes, backups: daemon.logfileBackups,
                                   policy: daemon.logfileRotation, compressor: logCompressor)
        do {
            try file.create()
        } catch {
            SupervisordCommand.fail("\(error)")
        }
        return MainLog(level: daemon.loglevel, file: file, echoToStdout: echo, format: daemon.logfileFormat,
                       compressor: logCompressor)
    }
}
