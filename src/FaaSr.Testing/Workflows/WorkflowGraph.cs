namespace FaaSr.Testing.Workflows;

/// <summary>
/// What a valid workflow means at run time (docs/faasr-semantics.md, "Graph rules"): the entry, every instance (ranked actions expanded
/// to f(1)..f(N)), invokers and predecessors, successors, and the S3 keys of an invocation.
/// Build it only from a document that <see cref="WorkflowValidator"/> accepted.
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, ActionDefinition> actionsByName;
    private readonly Dictionary<string, int> maxRanks;
    private readonly Dictionary<string, List<string>> invokers;
    private readonly Dictionary<string, List<string>> successors;
    private readonly Dictionary<string, List<string>> predecessors;
    private readonly Dictionary<string, FunctionInstance> instancesByName;
    private readonly Dictionary<string, IReadOnlyList<FunctionInstance>> instancesByAction;

    private WorkflowGraph(WorkflowDocument document)
    {
        Document = document;
        actionsByName = document.Actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
        maxRanks = document.Actions.ToDictionary(a => a.Name, _ => 1, StringComparer.Ordinal);
        invokers = document.Actions.ToDictionary(a => a.Name, _ => new List<string>(), StringComparer.Ordinal);
        successors = document.Actions.ToDictionary(a => a.Name, _ => new List<string>(), StringComparer.Ordinal);
        predecessors = document.Actions.ToDictionary(a => a.Name, _ => new List<string>(), StringComparer.Ordinal);

        var linked = new HashSet<(string Invoker, string Target)>();
        foreach (var action in document.Actions)
        {
            foreach (var target in AllTargets(action))
            {
                if (!actionsByName.ContainsKey(target.Action))
                {
                    throw new InvalidOperationException($"Action '{action.Name}' invokes '{target.Action}', which is not in ActionList.");
                }

                maxRanks[target.Action] = Math.Max(maxRanks[target.Action], target.Rank);

                // FaaSr's predecessor list keeps every mention: ["b", "b"] gives b the predecessors [a, a].
                predecessors[target.Action].Add(action.Name);
                if (linked.Add((action.Name, target.Action)))
                {
                    invokers[target.Action].Add(action.Name);
                    successors[action.Name].Add(target.Action);
                }
            }
        }

        EntryAction = document.Actions.FirstOrDefault(a => invokers[a.Name].Count == 0)?.Name
            ?? throw new InvalidOperationException($"Workflow '{document.WorkflowName}' has no entry action: every action " +
                $"is invoked by another.");

        var instances = new List<FunctionInstance>();
        instancesByAction = new Dictionary<string, IReadOnlyList<FunctionInstance>>(StringComparer.Ordinal);
        foreach (var action in document.Actions)
        {
            var max = maxRanks[action.Name];
            IReadOnlyList<FunctionInstance> ofAction = max > 1
                ? Enumerable.Range(1, max).Select(r => new FunctionInstance(action.Name, r, max)).ToArray()
                : [FunctionInstance.Unranked(action.Name)];
            instancesByAction[action.Name] = ofAction;
            instances.AddRange(ofAction);
        }

        Instances = instances;
        instancesByName = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    public WorkflowDocument Document { get; }

    public string WorkflowName => Document.WorkflowName;

    /// <summary>The first action in ActionList order that no action invokes.</summary>
    public string EntryAction { get; }

    /// <summary>Every instance, in ActionList order, ranks ascending.</summary>
    public IReadOnlyList<FunctionInstance> Instances { get; }

    public IReadOnlyList<ActionDefinition> Actions => Document.Actions;

    public DataStore LoggingStore => Document.DataStores[Document.EffectiveLoggingDataStore];

    public DataStore DefaultStore => Document.DataStores[Document.DefaultDataStore];

    public static WorkflowGraph Build(WorkflowDocument document) => new(document);

    public ActionDefinition Action(string name) =>
        actionsByName.TryGetValue(name, out var action)
            ? action
            : throw new KeyNotFoundException($"No action '{name}' in workflow '{WorkflowName}'.");

    public int MaxRank(string action) => maxRanks[action];

    public IReadOnlyList<FunctionInstance> InstancesOf(string action) => instancesByAction[action];

    public FunctionInstance? FindInstance(string name) => instancesByName.GetValueOrDefault(name);

    public FunctionInstance Instance(string name) =>
        FindInstance(name)
            ?? throw new KeyNotFoundException($"No function instance '{name}' in workflow '{WorkflowName}'. " +
                $"Known: {string.Join(", ", instancesByName.Keys)}.");

    /// <summary>Actions whose InvokeNext names <paramref name="action"/> (any branch), in ActionList order.</summary>
    public IReadOnlyList<string> InvokersOf(string action) => invokers[action];

    /// <summary>Actions <paramref name="action"/> may invoke (all branches), in first-mention order.</summary>
    public IReadOnlyList<string> SuccessorsOf(string action) => successors[action];

    /// <summary>
    /// The instances whose .done files gate <paramref name="action"/>: each mention of it in an InvokeNext (any
    /// branch) gives its invoker, expanded to its ranks, as FaaSr 2.1's predecessor list does.
    /// </summary>
    public IReadOnlyList<FunctionInstance> PredecessorInstancesOf(string action) =>
        predecessors[action].SelectMany(InstancesOf).ToArray();

    /// <summary>
    /// True when a fan-in gate applies: more than one predecessor instance (docs/faasr-semantics.md, "Fan-in"); an
    /// action named twice by one invoker (["b", "b"]) is dispatched twice and gated, so it runs once, as in FaaSr 2.1.
    /// </summary>
    public bool IsFanIn(string action) => PredecessorInstancesOf(action).Count > 1;

    public InvocationFolder FolderFor(string invocationTimestamp, string invocationId) =>
        new(Document.EffectiveFaaSrLog, WorkflowName, invocationTimestamp, invocationId);

    /// <summary>
    /// The targets an action dispatches after it returns, in list order (docs/faasr-semantics.md, "Successors").
    /// Returns null when InvokeNext holds a conditional and the function returned no boolean: FaaSr treats that as an
    /// error.
    /// </summary>
    public IReadOnlyList<InvokeTarget>? DispatchesAfter(string action, bool? returnValue)
    {
        var targets = new List<InvokeTarget>();
        foreach (var item in Action(action).InvokeNext)
        {
            switch (item)
            {
                case InvokeTarget target:
                    targets.Add(target);
                    break;
                case ConditionalInvoke conditional when returnValue is { } value:
                    targets.AddRange(conditional.Branch(value));
                    break;
                case ConditionalInvoke:
                    return null;
            }
        }

        return targets;
    }

    private static IEnumerable<InvokeTarget> AllTargets(ActionDefinition action) =>
        action.InvokeNext.SelectMany(item => item switch
        {
            InvokeTarget target => [target],
            ConditionalInvoke conditional => conditional.AllTargets,
            _ => [],
        });
}
