import AnpeiWire
import ArgumentParser
import Foundation

extension CertCommand {
    /// R-CERT-8: a practical re-examination after six months off post.
    struct Practical: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录实际操作复考 / record a practical re-examination (R-CERT-8)")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "exam date, YYYY-MM-DD") var date: String
        @Option(help: "the examination body") var examiner: String
        @Flag(help: "the candidate failed") var failed = false
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/certificates/\(id)/practical-exams",
                                          body: PracticalExamInput(date: date, passed: !failed, examiner: examiner), as: CertificateView.self)
            try CertCommand.printViews([view], o)
        }
    }

    /// R-CERT-2: the date of registration in the national networked system.
    struct NationalRegistration: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "national-registration", abstract: "记录全国联网登记日期 / record the national registration (R-CERT-2)")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "registration date, YYYY-MM-DD") var date: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/certificates/\(id)/national-registration",
                                          body: NationalRegistrationInput(date: date), as: CertificateView.self)
            try CertCommand.printViews([view], o)
        }
    }
}
