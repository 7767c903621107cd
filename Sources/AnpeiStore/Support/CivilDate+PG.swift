import AnpeiDomain
import AnpeiPostgres

// Dates come from PostgreSQL as ISO text (DateStyle ISO, the server default
// anpei never changes) and decode straight into the domain's calendar date.
extension CivilDate: PGNonNullDecodable {
    public init?(pgText: String) { self.init(iso: pgText) }
}
