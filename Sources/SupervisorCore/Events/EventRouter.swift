import SupervisorCommon
import SupervisorConfig
import NIOCore

/// Turns supervisor events into listener events for the pools that subscribed, numbers
/// them, and runs the TICK timers — only while some pool wants ticks, so an idle daemon
/// without tick listeners never wakes up.
final class EventRouter {
    private unowned let supervisor: Supervisor
    /// In creation order, as the reference offers events to pools.
    private var pools: [EventListenerPool] = []
    private var serial = -1
    private var tickTimers: [EventType: Scheduled<Void>] = [:]

    init(supervisor: Supervisor) {
        self.supervisor = supervisor
    }

    func add(_ pool: EventListenerPool) {
        pools.append(pool)
        updateTickTimers()
    }

    func remove(_ pool: EventListenerPool) {
        pools.removeAll { $0 === pool }
        updateTickTimers()
    }

    func route(_ event: SupervisorEvent) {
        let interested = pools.filter { !$0.group.processes.isEmpty }
        if !interested.isEmpty, let rendered = ListenerEvent.from(event) {
            let subscribers = interested.filter { $0.subscribes(to: rendered.type) }
            if !subscribers.isEmpty {
                serial += 1
                rendered.serial = serial
                for pool in subscribers { pool.accept(rendered) }
            }
        }
        if case let .processState(process, _, to, _) = event, let session = process.listener {
            listenerChanged(process, session: session, to: to)
        }
    }

    /// A listener that stops running gives back the event it held; one that starts running may take one.
    private func listenerChanged(_ process: Subprocess, session: ListenerSession, to state: ProcessState) {
        switch state {
        case .running:
            session.pool.dispatch()
        case .starting:
            break
        default:
            if let event = session.takeEvent() { session.pool.reject(event) }
        }
    }

    /// What a listener wrote on stdout.
    func listenerOutput(_ process: Subprocess, session: ListenerSession, _ bytes: UnsafeRawBufferPointer) {
        let log = supervisor.log
        for outcome in session.read(bytes) {
            switch outcome {
            case .ready:
                log.debug("\(process.name): ACKNOWLEDGED -> READY")
                session.pool.dispatch()
            case .result(let result):
                let event = session.takeEvent()
                if result == Array("OK".utf8) {
                    log.debug("\(process.name): event was processed")
                } else {
                    log.warn("\(process.name): event was rejected")
                    if let event { session.pool.reject(event) }
                }
                log.debug("\(process.name): BUSY -> ACKNOWLEDGED")
            case .badResultLine(let line):
                log.warn("\(process.name): bad result line: '\(line)'")
                log.debug("\(process.name): BUSY -> UNKNOWN")
                if let event = session.takeEvent() { session.pool.reject(event) }
            case .garbage:
                log.debug("\(process.name): -> UNKNOWN")
                if let event = session.takeEvent() { session.pool.reject(event) }
            }
        }
    }

    // MARK: - Ticks

    private func updateTickTimers() {
        for (type, period) in EventType.ticks {
            let wanted = pools.contains { $0.subscribes(to: type) }
            if wanted && tickTimers[type] == nil {
                scheduleTick(type, period: period)
            } else if !wanted, let timer = tickTimers.removeValue(forKey: type) {
                timer.cancel()
            }
        }
    }

    /// Fires at the next wall-clock multiple of `period`, like the reference's time slices.
    private func scheduleTick(_ type: EventType, period: Int) {
        let now = WallClock.now()
        let next = (Int(now) / period + 1) * period
        let delay = TimeAmount.nanoseconds(Int64((Double(next) - now) * 1e9))
        tickTimers[type] = supervisor.eventLoop.assumeIsolated().scheduleTask(in: delay) { [unowned self] in
            self.tickTimers[type] = nil
            self.supervisor.events.publish(.tick(type, when: next))
            if pools.contains(where: { $0.subscribes(to: type) }) { scheduleTick(type, period: period) }
        }
    }

    func stop() {
        for timer in tickTimers.values { timer.cancel() }
        tickTimers = [:]
    }
}
