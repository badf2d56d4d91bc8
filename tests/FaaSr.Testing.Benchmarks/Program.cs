using FaaSr.Testing.Benchmarks;

return await BenchmarkCatalog.RunAsync(args, CancellationToken.None);
