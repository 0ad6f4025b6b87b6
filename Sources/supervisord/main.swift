SupervisordCommand.main()
