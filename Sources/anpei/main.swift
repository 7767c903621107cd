import AnpeiDomain
import ArgumentParser
import Foundation

// Exit status: 0 ok, 1 error, 2 usage. ArgumentParser's own usage code is 64,
// so parsing and running are done here to map it.
/// Calls the async `run()`; through an existential the synchronous
/// requirement would be picked, which only prints help.
func runAsync<C: AsyncParsableCommand>(_ command: inout C) async throws {
    try await command.run()
}

let language = Language(rawValue: (Env.get("ANPEI_LANG") ?? "zh").lowercased()) ?? .zh
do {
    var command = try Anpei.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsync(&asyncCommand)
    } else {
        try command.run()
    }
    exit(0)
} catch let error as ExitCode {
    exit(error.rawValue)
} catch {
    let code = Anpei.exitCode(for: error)
    if code == .success {
        print(Anpei.fullMessage(for: error))
        exit(0)
    }
    if code == .validationFailure {
        Terminal.err(Anpei.fullMessage(for: error))
        exit(2)
    }
    ErrorPrinter.print(error, language: language)
    exit(1)
}
