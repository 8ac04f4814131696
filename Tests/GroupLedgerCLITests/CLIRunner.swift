import ChildProcess
import Foundation
import Testing

/// Runs the built `groupledger` binary and captures what it prints.
struct CLIResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

enum CLI {
    /// The package root, from this file's location.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable: next to the test bundle, where `swift test` puts every product.
    static let executable: URL = {
        let besideTests = Bundle.main.bundleURL.appendingPathComponent("groupledger")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return packageRoot.appendingPathComponent(".build/debug/groupledger")
    }()

    /// Runs `groupledger arguments…` in `directory` with `input` (or `inputBytes`, which need
    /// not be UTF-8) on stdin.
    static func run(_ arguments: [String], in directory: String, input: String? = nil, inputBytes: [UInt8]? = nil,
                    environment: [String: String] = [:]) throws -> CLIResult {
        var merged = ProcessInfo.processInfo.environment
        merged["GROUPLEDGER_JOURNAL"] = nil
        merged["GROUPLEDGER_CLOCK"] = "2025-01-10T02:00:00Z"
        for (key, value) in environment { merged[key] = value }
        let result = try ChildProcess.run(executable.path, arguments, directory: directory, environment: merged,
                                          input: inputBytes ?? input.map { Array($0.utf8) } ?? [])
        return CLIResult(status: result.status, standardOutput: result.outputText, standardError: result.errorText)
    }
}

/// A scratch directory for one test.
final class Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "groupledger-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path + "/Journal", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
    }

    func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }
}

enum Events {
    /// A valid event (an authority registration) with Chinese text; `index` makes its id unique.
    static func line(_ index: Int, effective: String = "2024-09-01") -> String {
        #"{"type":"AuthorityRegistered","v":1,"effective":"\#(effective)","actor":{"id":"admin1","role":"LedgerAdmin"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"authorityId":"auth-\#(index)","nameZh":"黄塘镇教育办\#(index)","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#
    }

    static func lines(_ range: Range<Int>) -> String {
        range.map { line($0) + "\n" }.joined()
    }
}
