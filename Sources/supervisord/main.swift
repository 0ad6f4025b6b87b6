SupervisordCommand.parseAndRun()
