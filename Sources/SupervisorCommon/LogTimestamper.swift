import Glibc

/// `LocalTime.logTimestamp` for a log's run of lines: the date and time are formatted once
/// per second (a fleet starting writes hundreds of lines a second), the milliseconds each time.
public struct LogTimestamper {
    private var second = Int.min
    private var secondText = ""

    public init() {}

    public mutating func stamp(_ time: timespec) -> String {
        if time.tv_sec != second {
            second = time.tv_sec
            secondText = LocalTime.logSecond(time.tv_sec)
        }
        return secondText + "," + LocalTime.milliseconds(time)
    }
}
