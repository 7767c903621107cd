import AnpeiDomain

/// Regulator figures for a region and year (R-CERT-1, R-CERT-2), by sector and
/// by child region, with the people behind each count available for drill-down.
public struct CertificateReport: Codable, Sendable {
    public struct Figures: Codable, Sendable, Equatable {
        public var key: String
        public var name: String
        /// People on special-operations posts during the year.
        public var workers = 0
        /// …of whom hold a certificate that lets them work on the date.
        public var withValidCertificate = 0
        /// …of whom hold a valid certificate registered in the national
        /// networked system by the date (R-CERT-2).
        public var onRegister = 0
        /// …of whom hold a valid certificate not yet registered nationally (R-CERT-2's end-2026 deadline).
        public var notRegistered = 0
        public var expiringIn30 = 0
        public var expiringIn60 = 0
        public var expiringIn90 = 0
        /// …of whom hold a certificate that lapsed (失效, R-CERT-13) and no valid one.
        public var lapsed = 0

        public init(key: String, name: String, workers: Int = 0, withValidCertificate: Int = 0, onRegister: Int = 0,
                    notRegistered: Int = 0, expiringIn30: Int = 0, expiringIn60: Int = 0, expiringIn90: Int = 0, lapsed: Int = 0) {
            self.key = key
            self.name = name
            self.workers = workers
            self.withValidCertificate = withValidCertificate
            self.onRegister = onRegister
            self.notRegistered = notRegistered
            self.expiringIn30 = expiringIn30
            self.expiringIn60 = expiringIn60
            self.expiringIn90 = expiringIn90
            self.lapsed = lapsed
        }
    }

    public var regionCode: String
    public var year: Int
    public var date: String
    /// R-CERT-2: every special-operations worker on the networked register by this date.
    public var registrationDeadline: String
    public var total: Figures
    public var bySector: [Figures]
    public var byChildRegion: [Figures]

    public init(regionCode: String, year: Int, date: String, registrationDeadline: String, total: Figures, bySector: [Figures], byChildRegion: [Figures]) {
        self.regionCode = regionCode
        self.year = year
        self.date = date
        self.registrationDeadline = registrationDeadline
        self.total = total
        self.bySector = bySector
        self.byChildRegion = byChildRegion
    }
}
