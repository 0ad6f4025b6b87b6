import Glibc

/// Calls `body` with a NULL-terminated array of C strings that live for the call. The
/// strings are laid out in one block (a spawn passes dozens of environment variables: one
/// allocation instead of one per string).
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let size = strings.reduce(0) { $0 + $1.utf8.count + 1 }
    let block = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(size, 1))
    defer { block.deallocate() }
    var pointers: [UnsafeMutablePointer<CChar>?] = []
    pointers.reserveCapacity(strings.count + 1)
    var offset = 0
    for string in strings {
        let start = block.baseAddress! + offset
        var string = string
        string.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { _ = UnsafeMutableBufferPointer(start: start, count: $0.count).initialize(from: $0) }
        }
        offset += string.utf8.count
        block[offset] = 0
        offset += 1
        pointers.append(start)
    }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
