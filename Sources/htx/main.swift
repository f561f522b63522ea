import Foundation
import HTXCommands

exit(HTX.run(arguments: Array(CommandLine.arguments.dropFirst())))
