public enum HTX { public static func main() {} }
