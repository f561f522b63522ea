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

    /// Document properties written to `docProps/core.xml`.
    public struct Properties: Sendable {
        public var title: String
        public var creator: String
        public var subject: String
        public var language: String

        public init(title: String, creator: String = "htx", subject: String = "", language: String = "vi") {
            self.title = title
            self.creator = creator
            self.subject = subject
            self.language = language
        }
    }

    /// A whole package: the given parts (each with its content type, nil for relationship parts), plus the
    /// boilerplate every package needs — `[Content_Types].xml`, `_rels/.rels` pointing at `main`, and the core
    /// properties. `media` are binary parts (images) with their content types.
    public static func package(
        main: String, parts: [(path: String, contentType: String?, text: String)], properties: Properties,
        media: [(path: String, contentType: String, data: Data)] = []
    ) throws -> Data {
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        var types =
            header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
        for part in parts {
            if let type = part.contentType { types += #"<Override PartName="/\#(part.path)" ContentType="\#(type)"/>"# }
        }
        for part in media { types += #"<Override PartName="/\#(part.path)" ContentType="\#(part.contentType)"/>"# }
        types +=
            #"<Override PartName="/docProps/core.xml" "#
            + #"ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
        let relationships =
            header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" "#
            + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" "#
            + #"Target="\#(main)"/>"#
            + #"<Relationship Id="rId2" "#
            + #"Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" "#
            + #"Target="docProps/core.xml"/>"#
            + "</Relationships>"
        let core =
            header
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/">"#
            + "<dc:title>\(escape(properties.title))</dc:title><dc:creator>\(escape(properties.creator))</dc:creator>"
            + "<dc:subject>\(escape(properties.subject))</dc:subject>"
            + "<dc:language>\(escape(properties.language))</dc:language></cp:coreProperties>"
        let texts =
            [("[Content_Types].xml", types), ("_rels/.rels", relationships), ("docProps/core.xml", core)]
            + parts.map { ($0.path, $0.text) }
        return try zip(data: texts.map { ($0.0, Data($0.1.utf8)) } + media.map { ($0.path, $0.data) })
    }

    /// The ZIP bytes of `parts` (path, XML text), deflated.
    public static func zip(_ parts: [(path: String, text: String)]) throws -> Data {
        try zip(data: parts.map { ($0.path, Data($0.text.utf8)) })
    }

    /// The ZIP bytes of `parts` (path, bytes), deflated, with a fixed date so the same parts give the same bytes.
    public static func zip(data parts: [(path: String, data: Data)]) throws -> Data {
        let archive: Archive
        do { archive = try Archive(accessMode: .create) } catch { throw PackageError.container }
        for (path, data) in parts {
            do {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: Date(timeIntervalSince1970: 1_600_000_000),
                    compressionMethod: .deflate
                ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
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
