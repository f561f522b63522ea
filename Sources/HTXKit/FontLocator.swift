import Foundation
import HTXDocument

/// Finds the serif faces a PDF is set in, for the callers of the renderer (which is given its fonts and never
/// looks for them).
public enum FontLocator {
    /// The families looked for, in order: Liberation Serif (Times New Roman's metric twin), then DejaVu Serif.
    static let families: [(folder: String, faces: [String])] = [
        (
            "/usr/share/fonts/truetype/liberation2/",
            ["LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"]
        ),
        (
            "/usr/share/fonts/truetype/liberation/",
            ["LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"]
        ),
        (
            "/usr/share/fonts/truetype/dejavu/",
            ["DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"]
        ),
    ]

    /// Liberation Serif, else DejaVu Serif, from the system's font folders; nil when neither is installed.
    public static func serif() -> PDFRenderer.Fonts? {
        for (folder, names) in families
        where names.allSatisfy({ FileManager.default.fileExists(atPath: folder + $0 + ".ttf") }) {
            guard let faces = try? names.map({ try TrueTypeFont(path: folder + $0 + ".ttf") }), faces.count == 4 else {
                continue
            }
            return PDFRenderer.Fonts(regular: faces[0], bold: faces[1], italic: faces[2], boldItalic: faces[3])
        }
        return nil
    }
}
