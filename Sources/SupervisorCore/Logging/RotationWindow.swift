import Glibc
import SupervisorCommon
import SupervisorConfig

/// The day or hour of local time a log file's contents belong to when it rotates by time
/// (`*_logfile_rotate`): the file is rolled over at the first write at or after `end` and
/// its rotated name carries `label`.
struct RotationWindow: Equatable {
    /// `2026-12-01` (daily) or `2026-12-01T13` (hourly).
    let label: String
    /// The window's end, in seconds since the epoch of the log clock.
    let end: Int

    /// The window of `period` that `seconds` falls in; nil for `.none`.
    init?(_ period: RotationPeriod, containing seconds: Int) {
        var parts = LocalTime.brokenDown(seconds)
        switch period {
        case .none:
            return nil
        case .daily:
            label = LocalTime.format(seconds, "%Y-%m-%d")
            // mktime finds the next midnight by the zone's rules, so days of 23 and 25 hours
            // (daylight saving time) end at their midnight; a midnight that does not exist
            // (a change at 00:00) becomes the first time that does.
            parts.tm_mday += 1
            parts.tm_hour = 0
            parts.tm_min = 0
            parts.tm_sec = 0
            parts.tm_isdst = -1
            end = max(Int(mktime(&parts)), seconds + 1)
        case .hourly:
            label = LocalTime.format(seconds, "%Y-%m-%dT%H")
            // The next full hour of local time is this hour's minutes and seconds away: zones
            // change their offset at full hours, so this holds across changes. The repeated
            // hour when clocks go back gets the same label twice: its second file is `.1`.
            end = seconds - Int(parts.tm_min) * 60 - min(Int(parts.tm_sec), 59) + 3600
        }
    }
}
