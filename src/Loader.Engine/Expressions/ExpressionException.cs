namespace Loader.Expressions;

/// <summary>An expression names something that does not exist or cannot be formatted.</summary>
public sealed class ExpressionException(Expression expression, string message)
    : Exception($"{expression.Span}: {expression}: {message}")
{
    /// <summary>The expression at fault.</summary>
    public Expression Expression { get; } = expression;
}
