import AnpeiService
import Logging
import ServiceLifecycle

/// Submits open attempts whose deadline has passed, every few seconds, so a
/// candidate who walks away is graded at the time limit even if nobody looks
/// at the attempt again (any access submits it too).
struct ExamDeadlineSweep: Service {
    let services: Services
    let logger: Logger
    var interval: Duration = .seconds(15)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let n = try await services.exams.submitExpired()
                    if n > 0 { logger.info("exam attempts submitted at their deadline", metadata: ["count": "\(n)"]) }
                } catch {
                    logger.warning("deadline sweep failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
