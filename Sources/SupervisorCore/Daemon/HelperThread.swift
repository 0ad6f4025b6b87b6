import Glibc
import SupervisorCommon

/// The daemon's few threads besides the event loop (the pipe watcher, the log writer): a
/// pthread with a small stack, since they only wait and copy, running one closure.
enum HelperThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts a thread running `body`; its handle for pthread_join, or the errno of pthread_create.
    static func start(_ body: @escaping @Sendable () -> Void) -> Result<pthread_t, SystemError> {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 128 * 1024)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return .failure(SystemError(errno: status, what: "pthread_create"))
        }
        return .success(thread)
    }
}
