Console.Error.WriteLine("engine: the command line arrives with the transfer slices.");
return 2;
