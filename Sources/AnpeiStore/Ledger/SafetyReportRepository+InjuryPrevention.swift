import AnpeiDomain
import Foundation

/// A worker of an R-WAVE-5 target enterprise on a date.
public struct InjuryPreventionWorker: Sendable {
    public var enterpriseID: UUID
    public var regionCode: String
    public var roles: [String]
    public var trained: Bool
}

extension SafetyReportRepository {
    /// Workers of the key enterprises in `sectors` under the region on `date`
    /// (one row per person and enterprise), and whether they attended
    /// work-injury-prevention training there on or before it. Categories and
    /// rates are the domain's (`InjuryPreventionRule`).
    public func injuryPreventionWorkers(regionPrefix: String, sectors: [String], on date: CivilDate) throws -> [InjuryPreventionWorker] {
        try conn.query("""
            SELECT em.enterprise_id, e.region_code, array_agg(DISTINCT r) AS roles,
                   EXISTS (SELECT 1 FROM training_event_attendees a JOIN training_events t ON t.id = a.event_id
                           WHERE a.person_id = em.person_id AND t.enterprise_id = em.enterprise_id AND t.kind = 'injury_prevention'
                             AND t.held_on <= \(date.description)::date) AS trained
            FROM enterprises e JOIN employments em ON em.enterprise_id = e.id, unnest(em.roles) r
            WHERE e.region_code LIKE \(regionPrefix) || '%' AND e.key_enterprise AND e.status <> 'closed'
              AND EXISTS (SELECT 1 FROM enterprise_sectors es WHERE es.enterprise_id = e.id AND es.sector_code = ANY (\(PGArray(sectors))::text[]))
              AND em.start_date <= \(date.description)::date AND (em.end_date IS NULL OR em.end_date >= \(date.description)::date)
            GROUP BY em.enterprise_id, em.person_id, e.region_code
            """, prepared: false).map {
            InjuryPreventionWorker(enterpriseID: try $0.decode("enterprise_id"), regionCode: try $0.decode("region_code"),
                                   roles: try $0.decode("roles"), trained: try $0.decode("trained"))
        }
    }
}
