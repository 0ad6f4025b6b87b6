import CSupervisor
#if canImport(Glibc)
import Glibc
#endif

/// How many terminal columns a character takes: 2 for East Asian wide and fullwidth
/// characters, 0 for combining marks, 1 otherwise. The C library's table is used when
/// the locale knows the character; without a UTF-8 locale it knows none beyond ASCII,
/// and a short table of the common ranges decides.
nonisolated enum DisplayWidth {
    /// Loads the user's character classification (once, before the first `of`).
    static func useEnvironmentLocale() {
        _ = setlocale(LC_CTYPE, "")
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value < 0x20 ? 0 : 1 }
        let width = sv_wcwidth(scalar.value)
        if width >= 0 { return Int(width) }
        if zeroWidth.contains(where: { $0.contains(scalar.value) }) { return 0 }
        if wide.contains(where: { $0.contains(scalar.value) }) { return 2 }
        return 1
    }

    /// Columns a whole text takes.
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The longest start of `text` that fits in `columns`.
    static func prefix(_ text: String, _ columns: Int) -> String {
        var used = 0
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            used += of(scalar)
            if used > columns { break }
            kept.append(scalar)
        }
        return String(kept)
    }

    private static let zeroWidth: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
        0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F,
        0xFE20...0xFE2F,
    ]

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
}
