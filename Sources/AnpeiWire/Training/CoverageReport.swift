import AnpeiDomain

/// Coverage of the waves' target populations (R-WAVE-1: participation 100%).
public struct CoverageReport: Codable, Sendable {
    public struct Area: Codable, Sendable {
        public var regionCode: String
        public var regionName: String
        public var figures: CoverageFigures

        public init(regionCode: String, regionName: String, figures: CoverageFigures) {
            self.regionCode = regionCode
            self.regionName = regionName
            self.figures = figures
        }
    }
    public struct WaveCoverage: Codable, Sendable {
        public var wave: Wave
        public var figures: CoverageFigures
        /// Per child division (and "本级" for enterprises registered at the region itself).
        public var children: [Area]

        public init(wave: Wave, figures: CoverageFigures, children: [Area]) {
            self.wave = wave
            self.figures = figures
            self.children = children
        }
    }
    public var regionCode: String
    public var regionName: String
    public var year: Int
    /// R-WAVE-6: the date the target population was taken on.
    public var asOf: String
    public var waves: [WaveCoverage]

    public init(regionCode: String, regionName: String, year: Int, asOf: String, waves: [WaveCoverage]) {
        self.asOf = asOf
        self.regionCode = regionCode
        self.regionName = regionName
        self.year = year
        self.waves = waves
    }
}
