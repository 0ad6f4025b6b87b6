/// A mutable value to share between closures on the loop.
final class Box<Value> {
    var value: Value
    init(_ value: Value) { self.value = value }
}
