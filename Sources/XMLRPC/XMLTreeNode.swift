/// What an element contains: child elements and character data, in order.
enum XMLTreeNode {
    case element(XMLTreeElement)
    case text(String)
}
