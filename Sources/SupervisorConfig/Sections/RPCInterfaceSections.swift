/// `[rpcinterface:x]` sections: Python factories cannot be loaded, so each may only name the
/// built-in interface.
enum RPCInterfaceSections {
    static let mainRPCInterfaceFactory = "supervisor.rpcinterface:make_main_rpcinterface"

    /// The names (the `x`) of the sections, in file order.
    static func names(_ document: IniDocument, reader: (String) -> SectionReader,
                      warnings: inout [String]) throws -> [String] {
        let factoryKey = "supervisor.rpcinterface_factory"
        var names: [String] = []
        for name in document.sectionNames where name.hasPrefix("rpcinterface:") {
            let section = reader(name)
            guard let factory = try section.string(factoryKey) else {
                throw section.error("section [\(name)] does not specify a \(factoryKey)")
            }
            guard factory == mainRPCInterfaceFactory else {
                throw section.error("\(factory) cannot be resolved within [\(name)]: Python import paths are not "
                                        + "supported, only \(mainRPCInterfaceFactory)", key: factoryKey)
            }
            for key in document.keys(of: name) where key != factoryKey {
                warnings.append("[\(name)] \(key) is ignored: the built-in interface takes no options")
            }
            names.append(String(name.dropFirst("rpcinterface:".count)))
        }
        return names
    }
}
