/// One `supervisord_rpc_requests_total` series.
struct RPCRequestKind: Hashable, Comparable {
    let method: String
    let outcome: String

    static func < (lhs: RPCRequestKind, rhs: RPCRequestKind) -> Bool {
        (lhs.method, lhs.outcome) < (rhs.method, rhs.outcome)
    }
}
