import HTXCommands
HTX.main()
