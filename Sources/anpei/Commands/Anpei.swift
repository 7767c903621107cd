import ArgumentParser

/// The root command. Server-side commands (`serve`, `db`, `admin`, `audit`)
/// talk to PostgreSQL directly through the service layer; client commands
/// (`login`, `logout`, `whoami`) talk to the JSON API like any remote user.
struct Anpei: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anpei",
        abstract: "安培：安全生产培训与持证管理系统 / safety training and certification management",
        subcommands: [
            Serve.self, DB.self, Admin.self, Audit.self, Login.self, Logout.self, WhoAmI.self,
            EnterpriseCommand.self, PersonCommand.self, InstitutionCommand.self, ImportCommand.self, DemoCommand.self, CertCommand.self, RuleSetCommand.self, BankCommand.self, BlueprintCommand.self, ExamCommand.self, ViolationCommand.self, CaseCommand.self, InspectionCommand.self, LedgerCommand.self, DrillCommand.self, StaffCommand.self, WaveCommand.self, SessionCommand.self, CoverageCommand.self, BenchCommand.self,
        ])
}
