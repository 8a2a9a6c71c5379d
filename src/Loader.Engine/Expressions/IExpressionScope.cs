namespace Loader.Expressions;

/// <summary>What expressions are rendered against: a task instance's parameters, configuration and outputs.</summary>
public interface IExpressionScope
{
    /// <summary>The text of <paramref name="expression"/>; throws <see cref="ExpressionException"/> when it names nothing.</summary>
    string Resolve(Expression expression);
}
