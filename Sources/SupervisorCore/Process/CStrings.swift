import Glibc
import SupervisorConfig

/// Calls `body` with a NULL-terminated array of C strings that live for the call. The
/// strings are laid out in one block (a spawn passes dozens of environment variables: one
/// allocation instead of one per string).
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    withCStringBlock(count: strings.count, pieces: { index, emit in emit(strings[index]) }, body)
}

/// `withCStrings` of the `NAME=value` strings of `variables`, written into the block
/// directly (no String made per variable).
func withCEnvironment<R>(_ variables: [EnvironmentVariable], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    withCStringBlock(count: variables.count, pieces: { index, emit in
        emit(variables[index].name)
        emit("=")
        emit(variables[index].value)
    }, body)
}

/// `count` C strings in one block, the one at `index` made of what `pieces(index, emit)`
/// emits, in order.
private func withCStringBlock<R>(count: Int, pieces: (Int, (String) -> Void) -> Void,
                                 _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var size = count
    for index in 0..<count { pieces(index) { size += $0.utf8.count } }
    let block = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(size, 1))
    defer { block.deallocate() }
    var pointers: [UnsafeMutablePointer<CChar>?] = []
    pointers.reserveCapacity(count + 1)
    var offset = 0
    for index in 0..<count {
        pointers.append(block.baseAddress! + offset)
        pieces(index) { piece in
            var piece = piece
            piece.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) {
                    _ = UnsafeMutableBufferPointer(start: block.baseAddress! + offset, count: $0.count).initialize(from: $0)
                }
            }
            offset += piece.utf8.count
        }
        block[offset] = 0
        offset += 1
    }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
