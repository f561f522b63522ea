/// Short fingerprints of text (64-bit FNV-1a, as hex): what a form carries to show which saved state it was made
/// from. Not for secrets: anyone can compute one.
public enum Fingerprint {
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
