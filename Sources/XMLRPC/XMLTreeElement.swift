/// An element of a parsed XML-RPC body: its name and what it contains.
struct XMLTreeElement {
    var name: String
    var children: [XMLTreeNode] = []

    /// Child elements in order, skipping character data.
    var elements: [XMLTreeElement] {
        children.compactMap { if case let .element(e) = $0 { e } else { nil } }
    }

    /// All character data directly inside this element, concatenated.
    var text: String {
        var out = ""
        for case let .text(t) in children { out += t }
        return out
    }

    /// True when the only character data is whitespace (which XML-RPC ignores between elements).
    var hasOnlyWhitespaceText: Bool {
        for case let .text(t) in children where !t.utf8.allSatisfy(isXMLSpace) { return false }
        return true
    }
}
