namespace Engine.Actors.Core;

/// <summary>
/// A growable ring buffer of messages that can also take messages at its front (for unstashing). A struct held
/// in the cell, with no array until the first message, so an idle actor costs only these fields.
/// Not thread-safe: the cell guards it with its lock.
/// </summary>
internal struct MessageDeque
{
    private object[]? _items;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void AddLast(object message)
    {
        Grow();
        _items![(_head + _count) % _items.Length] = message;
        _count++;
    }

    public void AddFirst(object message)
    {
        Grow();
        _head = (_head - 1 + _items!.Length) % _items.Length;
        _items[_head] = message;
        _count++;
    }

    public bool TryRemoveFirst(out object message)
    {
        if (_count == 0)
        {
            message = null!;
            return false;
        }
        message = _items![_head];
        _items[_head] = null!;
        _head = (_head + 1) % _items.Length;
        _count--;
        if (_count == 0 && _items.Length > 64) _items = null; // an idle actor gives a burst's buffer back
        return true;
    }

    private void Grow()
    {
        if (_items is null)
        {
            _items = new object[4];
            _head = 0;
            return;
        }
        if (_count < _items.Length) return;
        var larger = new object[_items.Length * 2];
        for (var i = 0; i < _count; i++) larger[i] = _items[(_head + i) % _items.Length];
        _items = larger;
        _head = 0;
    }
}
