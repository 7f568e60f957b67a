/// SplitMix64: a tiny seeded random generator, so that what it makes is the same every time
/// (a merge's new id, a benchmark's calendar, a randomised test's edits).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// Seeded by the FNV-1a hash of some bytes: the same bytes, the same numbers.
    public init(seed bytes: [UInt8]) {
        state = bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
