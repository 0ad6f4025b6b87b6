import NIOCore
/// The style sheet and scripts, compiled into the binary: the page needs no network
/// and nothing from outside the daemon.
enum WebAssets {
    static func reply(for path: String) -> HTTPReply? {
        let asset: (type: String, text: String)
        switch path {
        case "/ui/style.css": asset = ("text/css;charset=utf-8", StyleSheet.text)
        case "/ui/status.js": asset = ("text/javascript;charset=utf-8", StatusScript.text)
        case "/ui/tail.js": asset = ("text/javascript;charset=utf-8", TailScript.text)
        default: return nil
        }
        return .full(.ok, contentType: asset.type, body: ByteBuffer(string: asset.text), headers: [("X-Content-Type-Options", "nosniff")])
    }
}
