import AnpeiStore
import ArgumentParser
import Foundation

struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "数据库迁移 / database migrations", subcommands: [Migrate.self, Status.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "执行待执行的迁移 / apply pending migrations")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "migrations directory (env ANPEI_MIGRATIONS_DIR, default ./db/migrations)")
        var migrations: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let dir = try Migrator.locateDirectory(explicit: migrations)
            let migrator = Migrator(migrations: try Migration.load(from: dir))
            let conn = try PGConnection(conninfo: db.resolvedURL)
            let zh = output.language == .zh
            let applied = try migrator.migrate(conn) { line in
                if !output.json { Terminal.err(line) }
            }
            // The national division codes ship beside the migrations (issue 11 §1);
            // a migrations folder of its own may come without them.
            let divisionsDir = DivisionLoader.directory(besideMigrations: dir)
            var divisions = DivisionLoader.Outcome(digest: "", loaded: false)
            if FileManager.default.fileExists(atPath: divisionsDir.path) {
                divisions = try DivisionLoader(conn).load(directory: divisionsDir, actor: ServerSide.operatorActor)
            } else if !output.json {
                Terminal.err(zh ? "未找到 \(divisionsDir.path)，未加载行政区划代码" : "no \(divisionsDir.path): division codes not loaded")
            }
            if !output.json {
                if divisions.loaded {
                    Terminal.err(zh ? "行政区划代码：\(divisions.codes) 个（新增 \(divisions.inserted)，更新 \(divisions.updated)，撤销 \(divisions.withdrawn)）"
                                 : "division codes: \(divisions.codes) (\(divisions.inserted) new, \(divisions.updated) updated, \(divisions.withdrawn) withdrawn)")
                }
            }
            if output.json {
                print("{\"applied\":[\(applied.map { "\"\($0.fileName)\"" }.joined(separator: ","))],\"divisionsLoaded\":\(divisions.loaded)}")
            } else if applied.isEmpty {
                print(zh ? "数据库已是最新，无需迁移。" : "Database is up to date.")
            } else {
                print(zh ? "已执行 \(applied.count) 个迁移：" : "Applied \(applied.count) migration(s):")
                for m in applied { print("  \(m.fileName)") }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看迁移状态 / show migration status")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "migrations directory") var migrations: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let dir = try Migrator.locateDirectory(explicit: migrations)
            let migrator = Migrator(migrations: try Migration.load(from: dir))
            let conn = try PGConnection(conninfo: db.resolvedURL)
            let statuses = try migrator.status(conn)
            let zh = output.language == .zh
            let formatter = ISO8601DateFormatter()
            if output.json {
                let items = statuses.map { s in
                    "{\"file\":\"\(s.migration.fileName)\",\"appliedAt\":\(s.appliedAt.map { "\"\(formatter.string(from: $0))\"" } ?? "null"),\"checksumMatches\":\(s.checksumMatches)}"
                }
                print("[" + items.joined(separator: ",") + "]")
            } else {
                let rows = statuses.map { s -> [String] in
                    let state: String
                    if s.appliedAt == nil { state = zh ? "待执行" : "pending" }
                    else if !s.checksumMatches { state = zh ? "已修改（拒绝）" : "CHANGED (refused)" }
                    else { state = zh ? "已执行" : "applied" }
                    return [s.migration.fileName, state, s.appliedAt.map { formatter.string(from: $0) } ?? "-"]
                }
                print(Table.render(headers: zh ? ["迁移", "状态", "执行时间"] : ["migration", "state", "applied at"], rows: rows))
            }
            if statuses.contains(where: { !$0.checksumMatches }) { throw ExitCode.failure }
        }
    }
}
