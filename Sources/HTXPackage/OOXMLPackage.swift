import Foundation
import ZIPFoundation

/// Office Open XML packaging shared by the XLSX export and the DOCX renderer: parts zipped with a fixed date (so
/// the same content gives the same bytes) and XML text escaping. It knows neither catalogs nor documents.
public enum OOXMLPackage {
    /// Why a package could not be written.
    public enum PackageError: Error, CustomStringConvertible {
        case container
        case part(String)

        public var description: String {
            switch self {
            case .container: return "cannot create the ZIP container"
            case .part(let path): return "cannot write part \(path)"
            }
        }
    }

    /// The ZIP bytes of `parts` (path, XML text), deflated.
    public static func zip(_ parts: [(path: String, text: String)]) throws -> Data {
        let archive: Archive
        do { archive = try Archive(accessMode: .create) } catch { throw PackageError.container }
        for (path, text) in parts {
            let data = Data(text.utf8)
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 1_600_000_000),
                                     compressionMethod: .deflate) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            } catch {
                throw PackageError.part(path)
            }
        }
        guard let data = archive.data else { throw PackageError.container }
        return data
    }

    /// Escapes text for XML content and attributes; control characters XML 1.0 cannot carry are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
